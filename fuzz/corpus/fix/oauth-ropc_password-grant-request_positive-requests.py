# A generic OAuth password grant against a Keycloak realm: no RingCentral context.
import requests

r = requests.post('https://sso.example.com/realms/app/protocol/openid-connect/token', data={
    'grant_type': 'password',  # expect: oauth-ropc/password-grant-request
    'client_id': 'app',
    'username': username,
    'password': password,
})
body = 'grant_type=password&username=alice'  # expect: oauth-ropc/password-grant-request
