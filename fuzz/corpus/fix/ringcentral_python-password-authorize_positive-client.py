# tylerlong/ringcentral-python (PyPI ringcentral_client) before 2024-11.
import os

from ringcentral_client import RestClient, PRODUCTION_SERVER

rc = RestClient(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], PRODUCTION_SERVER)
rc.authorize(os.environ['RC_USERNAME'], os.environ['RC_EXTENSION'], os.environ['RC_PASSWORD'])  # expect: ringcentral/python-password-authorize

rc.authorize(username='+18881112233', extension='101', password='S3cr3t!')  # expect: ringcentral/python-password-authorize

RestClient(client_id, client_secret, PRODUCTION_SERVER).authorize(username, extension, password)  # expect: ringcentral/python-password-authorize

# Migrated calls stay silent.
rc.authorize(os.environ['RC_JWT'])
rc.authorize(jwtToken=os.environ['RC_JWT'])
