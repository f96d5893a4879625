"""A service class that keeps its platform on self (RC_ names give RingCentral context)."""
import os

from ringcentral import SDK


class RingCentralService:
    def __init__(self):
        self.sdk = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], os.environ['RC_SERVER_URL'])
        self.platform = self.sdk.platform()

    def connect(self):
        self.platform.login(os.environ['RC_USERNAME'], os.environ['RC_EXTENSION'], os.environ['RC_PASSWORD'])  # expect: ringcentral/python-password-login

    async def connect_async(self, rc):
        await rc.login(username=os.environ['RC_USERNAME'], password=os.environ['RC_PASSWORD'])  # expect: ringcentral/python-password-login
