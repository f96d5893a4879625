"use strict";
// Reduced from ringcentral-ts@1.0.4 (and 0.9.1) `RestClient-test.js`, the tsc output shipped in the
// npm package. tsc compiles `import RingCentral from 'ringcentral-ts'` to
// `new ringcentral_ts_1.default(...)` (babel: `new _ringcentralTs.default(...)`), so the client is
// built through the CommonJS default-import interop: the constructor text is `x_1.default` and the
// receivers are called `client` and `service2`. Both calls post grant_type=password.
// (The package's own test requires "./RestClient"; compiled user code requires the package.)
var ringcentral_ts_1 = require("ringcentral-ts");
var server = 'https://platform.ringcentral.com';

function authByPassword() {
    var client = new ringcentral_ts_1.default({ server: server, appKey: 'testAppKey', appSecret: 'testAppSecret' });
    return client.auth({ // expect: ringcentral/js-password-authorize
        username: 'testUsername',
        password: 'testPassword',
        scope: ['scp'],
        accessTokenTtl: 90,
        refreshTokenTtl: 360
    });
}

function authWithUnknownApp() {
    var service2 = new ringcentral_ts_1.default({ appKey: 'xx', appSecret: 'xx' });
    return service2.auth({ username: '', password: '' }).then(function () { // expect: ringcentral/js-password-authorize
        throw 'Should not login:';
    }, function (e) {
        return e.code;
    });
}

module.exports = { authByPassword: authByPassword, authWithUnknownApp: authWithUnknownApp };
