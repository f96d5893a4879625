# MSAL for Python, Entra ID: username/password.
import os
import msal

app = msal.PublicClientApplication(os.environ["AZURE_CLIENT_ID"], authority="https://login.microsoftonline.com/organizations")
result = app.acquire_token_by_username_password(os.environ["AZURE_USER"], "hunter2", scopes=["User.Read"])  # expect: oauth-ropc/msal-username-password
result = app.acquire_token_by_username_password(  # expect: oauth-ropc/msal-username-password
    username=os.environ["AZURE_USER"], password=os.environ["AZURE_PASSWORD"], scopes=["User.Read"])
