# A generic OAuth password grant against the app's own identity provider: no RingCentral context.
import requests

r = requests.post('https://idp.example.com/oauth/token', data={
    'grant_type': 'password',
    'username': username,
    'password': password,
})
