import os

from ringcentral import SDK

platform = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], 'https://platform.ringcentral.com').platform()
platform.login(jwt=os.environ['RC_JWT'])
platform.login(jwt=os.environ.get('RC_JWT', os.environ['RINGCENTRAL_JWT_TOKEN']))
