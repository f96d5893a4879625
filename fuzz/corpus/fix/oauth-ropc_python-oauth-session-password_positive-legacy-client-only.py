# The session is built here and used elsewhere: the client choice is the finding.
import os
from oauthlib.oauth2 import LegacyApplicationClient
from requests_oauthlib import OAuth2Session


def session():
    return OAuth2Session(client=LegacyApplicationClient(client_id=os.environ["CLIENT_ID"]))  # expect: oauth-ropc/python-oauth-session-password
