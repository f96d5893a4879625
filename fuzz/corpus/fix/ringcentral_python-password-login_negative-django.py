# Django views and tests in a project that also talks to RingCentral (RC_CLIENT_ID below).
import os

from django.contrib import auth
from django.contrib.auth import authenticate, login
from django.test import TestCase
from flask_login import login_user

RC_CLIENT_ID = os.environ['RC_CLIENT_ID']


def sign_in(request):
    user = authenticate(request, username=request.POST['username'], password=request.POST['password'])
    if user is not None:
        login(request, user)
        auth.login(request, user, backend='django.contrib.auth.backends.ModelBackend')
        login_user(user, remember=True)


class LoginTest(TestCase):
    def test_login(self):
        self.client.login(username='alice', password='secret-for-tests')
        self.client.force_login(self.user)
        session.login('alice', 'ext', 'secret-for-tests')
