# A generic API client with a login method: no RingCentral SDK, host or RC_ names.
import os

api = ApiClient(os.environ['API_URL'])
api.login('alice', '101', os.environ['API_PASSWORD'])
client.login(username='alice', password=os.environ['API_PASSWORD'])
ftp.login('anonymous', 'guest')
smtp.login(user, os.environ['SMTP_PASSWORD'])
sdk_client.login(token=os.environ['API_TOKEN'])
