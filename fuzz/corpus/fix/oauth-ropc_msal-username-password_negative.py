# MSAL without the password: client credentials, device code, interactive.
import os
import msal

app = msal.ConfidentialClientApplication(os.environ["AZURE_CLIENT_ID"], client_credential=os.environ["AZURE_SECRET"])
result = app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])
pca = msal.PublicClientApplication(os.environ["AZURE_CLIENT_ID"])
flow = pca.initiate_device_flow(scopes=["User.Read"])
result = pca.acquire_token_by_device_flow(flow)
