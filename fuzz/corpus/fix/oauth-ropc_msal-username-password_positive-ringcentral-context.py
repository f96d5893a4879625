# The same call in RingCentral code is ringcentral/generic-oauth-password-grant's (on by default).
import os
import msal

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"
app = msal.PublicClientApplication(os.environ["CLIENT_ID"], authority=TOKEN_URL)
result = app.acquire_token_by_username_password(os.environ["USER"], os.environ["PASS"], scopes=[])  # expect: ringcentral/generic-oauth-password-grant
