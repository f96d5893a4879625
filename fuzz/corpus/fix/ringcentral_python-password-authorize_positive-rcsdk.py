# rcsdk 0.1-0.4 demo (README @0.4.0): the platform comes from get_platform().
from rcsdk import RCSDK

from config import USERNAME, EXTENSION, PASSWORD, APP_KEY, APP_SECRET, SERVER

sdk = RCSDK(APP_KEY, APP_SECRET, SERVER)
platform = sdk.get_platform()

platform.authorize(USERNAME, EXTENSION, PASSWORD)  # expect: ringcentral/python-password-authorize

platform.authorize(USERNAME, EXTENSION, 'hunter2', True)  # expect: ringcentral/python-password-authorize

sdk.get_platform().authorize(USERNAME, EXTENSION, PASSWORD, remember=True)  # expect: ringcentral/python-password-authorize
