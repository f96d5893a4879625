# Migrated and auth-code logins of the ringcentral SDK: none of them use the password grant.
import os

from ringcentral import SDK

sdk = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], os.environ['RC_SERVER_URL'])
platform = sdk.platform()

platform.login(jwt=os.environ.get('RC_USER_JWT'))
platform.login(jwt=os.environ['RINGCENTRAL_JWT_TOKEN'])
platform.login('', '', '', '', '', os.environ['RC_JWT'])

# Quick start: positional auth code with empty username/extension/password.
platform.login('', '', '', auth_code, REDIRECT_URL)
platform.login(code=request.args['code'], redirect_uri=REDIRECT_URL)
platform.login(code=code, redirect_uri=REDIRECT_URL, verifier=verifier)
platform.login(None, None, None, code, REDIRECT_URL)

# Nothing given: the SDK raises before sending anything.
platform.login()
platform.login('', '', '')

# Options forwarded from elsewhere: cannot tell.
platform.login(**options)
platform.login(*credentials)

url = platform.login_url(REDIRECT_URL, 'state', challenge, 'S256')
print("Enter your password in the RingCentral login page, not here.")
warning = 'username-password login will soon be deprecated. Please use jwt or OAuth instead.'
