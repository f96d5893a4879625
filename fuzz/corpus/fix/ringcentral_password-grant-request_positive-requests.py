# Hand-built RingCentral token requests with requests / urllib / httpx.
import json
import os
import urllib.parse

import requests

TOKEN_URL = 'https://platform.ringcentral.com/restapi/oauth/token'

r = requests.post(TOKEN_URL, data={  # token request body
    'grant_type': 'password',  # expect: ringcentral/password-grant-request
    'username': os.environ['RC_USERNAME'],
    'extension': os.environ['RC_EXTENSION'],
    'password': os.environ['RC_PASSWORD'],
}, auth=(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET']))

body = "grant_type=password&username=18881112233&extension=101&password=hunter2"  # expect: ringcentral/password-grant-request

body = f"grant_type=password&username={username}&password={password}"  # expect: ringcentral/password-grant-request

encoded = 'grant_type%3Dpassword%26username%3D18881112233'  # expect: ringcentral/password-grant-request

payload = '{"grant_type": "password", "username": "18881112233"}'  # expect: ringcentral/password-grant-request

form = 'grant_type=' + 'password'  # expect: ringcentral/password-grant-request

params = dict(grant_type='password', username=username, password=password)  # expect: ringcentral/password-grant-request

pairs = urllib.parse.urlencode([('grant_type', 'password'), ('username', username)])  # expect: ringcentral/password-grant-request

data = {}
data['grant_type'] = 'password'  # expect: ringcentral/password-grant-request

# The JWT grant is fine.
requests.post(TOKEN_URL, data={'grant_type': 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion': os.environ['RC_JWT']})
