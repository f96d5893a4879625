# ringcentral_client after 2024-11 and auth-code logins; other authorize() methods.
import os

from authlib.integrations.flask_client import OAuth
from ringcentral_client import RestClient, PRODUCTION_SERVER

rc = RestClient(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], PRODUCTION_SERVER)
rc.authorize(os.environ['RC_JWT'])
rc.authorize(jwt_token)
rc.authorize(auth_code=request.args['code'], redirect_uri=os.environ['RC_REDIRECT_URL'])
rc.authorize(None, request.args['code'], REDIRECT_URL)
rc.authorize(**settings)

oauth = OAuth(app)
token = oauth.github.authorize_access_token()
policy.authorize(user, 'read', document)
