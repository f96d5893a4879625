// Reduced from ringcentral-web-phone@0.4.5 `demo/index.js`. The page loads the npm `ringcentral`
// 3.1.1 browser build (package.json: "ringcentral": "3.1.1") and uses its global `RingCentral.SDK`
// with the v2/v3 options `appKey`/`appSecret`. In ringcentral v3, `login({ jwt })` has no JWT
// branch and still posts grant_type=password, so the finding should name the legacy SDK
// (js-legacy: move to @ringcentral/sdk >= 4.7.0 first), not "@ringcentral/sdk": the global name
// `RingCentral.SDK` exists in both eras, the `appKey`/`appSecret` options tell them apart.
// The page has a login form, so the authorization-code flow is the right advice.
var sdk = null;
var platform = null;

function login(server, appKey, appSecret, login, ext, password, ll) {

    sdk = new RingCentral.SDK({
        appKey: appKey,
        appSecret: appSecret,
        server: server
    });

    platform = sdk.platform();

    if (login) {
        login = (login.match(/^[\+1]/)) ? login : '1' + login;
        login = login.replace(/\W/g, '');
    }

    platform
        .login({ // expect: ringcentral/js-password-login
            username: login,
            extension: ext || null,
            password: password
        })
        .then(function () {
            return platform.get('/restapi/v1.0/account/~/extension/~');
        }).catch(function (e) {
            console.error(e.stack || e);
        });
}

var $form = document.querySelector('#login-form');
$form.addEventListener('submit', function (e) {
    e.preventDefault();
    login($form.server.value, $form.appKey.value, $form.appSecret.value, $form.login.value, $form.ext.value, $form.password.value, 0);
});
