// Reduced from rcsdk@1.3.2 `demo/angular/controllers/login.js`. The SDK is injected by Angular, so
// the file has no require('rcsdk'); but `rcsdk.getPlatform()` and `platform.authorize()` exist only
// in rcsdk v1. The finding should name rcsdk v1 (like positive-v1.js), not "@ringcentral/sdk", whose
// rewrite note then says "@ringcentral/sdk has no JWT login: install @ringcentral/sdk >= 4.7.0".
// The file runs in the browser (localStorage), so the authorization-code flow is the right advice.
(function() {

    angular
        .module('RC')
        .controller('LoginCtrl', function($scope, $location, rcsdk, errorHandler) {

            var platform = rcsdk.getPlatform();

            $scope.user = {
                username: localStorage.getItem('rscdk-demo-login-username') || '',
                extension: localStorage.getItem('rscdk-demo-login-extension') || '',
                password: localStorage.getItem('rscdk-demo-login-password') || '',
                remember: !!localStorage.getItem('rscdk-demo-login-remember')
            };

            $scope.login = function() {
                platform
                    .authorize({ // expect: ringcentral/js-password-authorize
                        username: $scope.user.username,
                        extension: $scope.user.extension || '',
                        password: $scope.user.password,
                        remember: $scope.user.remember
                    })
                    .then(function() {
                        $location.replace().path('/');
                    })
                    .catch(function(e) {
                        errorHandler(e);
                    });
            };

        });

})();
