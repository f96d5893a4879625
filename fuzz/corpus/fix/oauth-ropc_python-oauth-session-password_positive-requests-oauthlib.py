# requests-oauthlib (docs/oauth2_workflow.rst, Legacy Application Flow).
import os
from oauthlib.oauth2 import LegacyApplicationClient
from requests_oauthlib import OAuth2Session

TOKEN_URL = "https://id.example.org/oauth/token"

oauth = OAuth2Session(client=LegacyApplicationClient(client_id=os.environ["CLIENT_ID"]))
token = oauth.fetch_token(token_url=TOKEN_URL,  # expect: oauth-ropc/python-oauth-session-password
                          username=os.environ["APP_USER"], password="S3cr3t!",
                          client_id=os.environ["CLIENT_ID"], client_secret=os.environ["CLIENT_SECRET"])
