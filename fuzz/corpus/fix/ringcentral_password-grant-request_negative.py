# RingCentral code (RC_ names) with grant types that are not the password grant.
import os

import requests

TOKEN_URL = os.environ['RC_SERVER_URL'] + '/restapi/oauth/token'
requests.post(TOKEN_URL, data={'grant_type': 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion': os.environ['RC_JWT']})
requests.post(TOKEN_URL, data={'grant_type': 'authorization_code', 'code': code, 'redirect_uri': redirect_uri})
requests.post(TOKEN_URL, data={'grant_type': 'refresh_token', 'refresh_token': token})
body = 'grant_type=password_reset&user=x'
passwordless = {'grant_type': 'passwordless'}
reset = {'grant_type': 'password_reset'}
