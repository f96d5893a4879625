import os

from ringcentral import SDK

rcsdk = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], 'https://platform.ringcentral.com')
platform = rcsdk.platform()
platform.login(jwt=os.environ.get('RC_JWT', ''))  # expect: ringcentral/jwt-login-empty-fallback
platform.login(jwt=os.getenv('RC_JWT') or '')  # expect: ringcentral/jwt-login-empty-fallback
