# ringcentral 0.5: `from ringcentral import SDK`, still get_platform().authorize(...).
import os

from ringcentral import SDK

sdk = SDK(os.environ['RC_APP_KEY'], os.environ['RC_APP_SECRET'], SDK.URL_PRODUCTION)
platform = sdk.get_platform()
platform.authorize(os.environ['RC_USERNAME'], os.environ['RC_EXTENSION'], os.environ['RC_PASSWORD'])  # expect: ringcentral/python-password-authorize
