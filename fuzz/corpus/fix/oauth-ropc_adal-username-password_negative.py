# ADAL with client credentials and device code.
import os
import adal

context = adal.AuthenticationContext("https://login.microsoftonline.com/contoso.onmicrosoft.com")
token = context.acquire_token_with_client_credentials("https://graph.microsoft.com", os.environ["AZURE_CLIENT_ID"], os.environ["AZURE_SECRET"])
code = context.acquire_user_code("https://graph.microsoft.com", os.environ["AZURE_CLIENT_ID"])
