# A Flask app that logs its users in with their RingCentral password: the auth-code flow fits.
import os

from flask import Flask, request
from ringcentral import SDK

app = Flask(__name__)
rcsdk = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], os.environ['RC_SERVER_URL'])


@app.route('/login', methods=['POST'])
def login():
    platform = rcsdk.platform()
    platform.login(request.form['username'], request.form['extension'], request.form['password'])  # expect: ringcentral/python-password-login
    return 'ok'
