# requests-oauthlib, Authlib-free: the password grant against RingCentral.
import os
from oauthlib.oauth2 import LegacyApplicationClient
from requests_oauthlib import OAuth2Session
import msal

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"

oauth = OAuth2Session(client=LegacyApplicationClient(client_id=os.environ["RC_CLIENT_ID"]))
token = oauth.fetch_token(token_url=TOKEN_URL, username=os.environ["RC_USERNAME"], password="hunter2",  # expect: ringcentral/generic-oauth-password-grant
                          client_id=os.environ["RC_CLIENT_ID"], client_secret=os.environ["RC_CLIENT_SECRET"])

app = msal.PublicClientApplication(os.environ["RC_CLIENT_ID"], authority=TOKEN_URL)
result = app.acquire_token_by_username_password(os.environ["RC_USERNAME"], os.environ["RC_PASSWORD"], scopes=[])  # expect: ringcentral/generic-oauth-password-grant
