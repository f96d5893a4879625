"use strict";
// Reduced from @ringcentral/sdk 4.x and 5.x `lib/SDK.js` / `es6/SDK.js` (the tsc output shipped in
// the npm package; `dist/ringcentral.js` bundles the same code). The SDK's own `login` shortcut
// forwards its `options` parameter to the platform, so nothing here picks a grant: the caller's
// options do. The `options = {}` on line 11 belongs to the constructor's own parameter, another
// variable in another function, and must not be taken for the forwarded options.
Object.defineProperty(exports, "__esModule", { value: true });
var Platform_1 = require("./platform/Platform");
var SDK = /** @class */ (function () {
    function SDK(options) {
        if (options === void 0) { options = {}; }
        var _this = this;
        /* istanbul ignore next */
        this.login = function (options) { return __awaiter(_this, void 0, void 0, function () { return __generator(this, function (_a) {
            return [2 /*return*/, this.platform().login(options)];
        }); }); };
        /* istanbul ignore next */
        this.loginUrl = function (options) { return _this.platform().loginUrl(options); };
        this._platform = new Platform_1.default(options);
    }
    SDK.prototype.platform = function () {
        return this._platform;
    };
    return SDK;
}());
exports.SDK = SDK;
exports.default = SDK;
