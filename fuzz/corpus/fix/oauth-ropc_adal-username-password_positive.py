# ADAL for Python (retired): username/password.
import os
import adal

context = adal.AuthenticationContext("https://login.microsoftonline.com/contoso.onmicrosoft.com")
token = context.acquire_token_with_username_password(  # expect: oauth-ropc/adal-username-password
    "https://graph.microsoft.com", os.environ["AZURE_USER"], "hunter2", os.environ["AZURE_CLIENT_ID"])
