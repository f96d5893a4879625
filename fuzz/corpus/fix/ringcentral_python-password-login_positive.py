# Demo script in the style of ringcentral-python demo.py (0.7.x, before JWT).
import os

from ringcentral import SDK

from config import USERNAME, EXTENSION, PASSWORD, APP_KEY, APP_SECRET, SERVER

sdk = SDK(APP_KEY, APP_SECRET, SERVER)
platform = sdk.platform()

platform.login(USERNAME, EXTENSION, PASSWORD)  # expect: ringcentral/python-password-login

platform.login(os.environ.get('RC_USERNAME'), os.environ.get('RC_EXTENSION'), os.environ.get('RC_PASSWORD'))  # expect: ringcentral/python-password-login

platform.login(os.environ['username'], os.environ['extension'], os.environ['password'])  # expect: ringcentral/python-password-login

platform.login('+18881112233', '101', 'hunter2')  # expect: ringcentral/python-password-login

platform.login(username=os.getenv('RC_USERNAME'), extension=os.getenv('RC_EXTENSION'), password=os.getenv('RC_PASSWORD'))  # expect: ringcentral/python-password-login

platform.login(  # expect: ringcentral/python-password-login
    username="+18881112233",
    password="S3cr3t!",
)

# jwt left empty: still the password branch
platform.login(USERNAME, '', PASSWORD, jwt='')  # expect: ringcentral/python-password-login

sdk.platform().login(USERNAME, EXTENSION, PASSWORD)  # expect: ringcentral/python-password-login

config = {'username': 'u', 'password': 'p'}
platform.login(config['username'], config['extension'], config['password'])  # expect: ringcentral/python-password-login

# Migrated calls in the same file stay silent.
platform.login(jwt=os.environ.get('RC_JWT'))
platform.login('', '', '', '', '', os.environ['RC_JWT'])
