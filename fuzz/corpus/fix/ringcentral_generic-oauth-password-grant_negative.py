# RingCentral with requests-oauthlib: client credentials and authorization code only.
import os
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"

oauth = OAuth2Session(client=BackendApplicationClient(client_id=os.environ["RC_CLIENT_ID"]))
token = oauth.fetch_token(token_url=TOKEN_URL, client_id=os.environ["RC_CLIENT_ID"], client_secret=os.environ["RC_CLIENT_SECRET"])
web = OAuth2Session(os.environ["RC_CLIENT_ID"], redirect_uri="https://app.example.com/cb")
token2 = web.fetch_token(TOKEN_URL, authorization_response=os.environ["CALLBACK_URL"])
