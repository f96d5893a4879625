# Suppressions are read in every language: these name rules that no longer fire here.
import os
from ringcentral import SDK

platform = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], SDK.SERVER_PRODUCTION).platform()
platform.login(jwt=os.environ['RC_JWT'])  # pwflow-ignore: ringcentral/python-password-login -- migrated in #42  # expect: pwflow/unused-suppression
