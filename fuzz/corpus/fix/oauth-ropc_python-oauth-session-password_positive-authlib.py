# Authlib (docs/client/oauth2.rst, "OAuth2Session for Password").
from authlib.integrations.requests_client import OAuth2Session

client = OAuth2Session("client-id", "client-secret", scope="profile")
token = client.fetch_token("https://id.example.org/oauth/token", username="a-name", password="hunter2")  # expect: oauth-ropc/python-oauth-session-password
