# Authlib and requests-oauthlib without the password grant.
import os
from authlib.integrations.requests_client import OAuth2Session
from oauthlib.oauth2 import BackendApplicationClient

client = OAuth2Session(os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"])
token = client.fetch_token("https://id.example.org/oauth/token", grant_type="client_credentials")
token = client.fetch_token("https://id.example.org/oauth/token", authorization_response=os.environ["CB"], code_verifier="v")
backend = BackendApplicationClient(client_id=os.environ["CLIENT_ID"])
user = authenticate(request, username=os.environ["U"], password=os.environ["P"])  # Django login, not OAuth
