// Hand-rolled token requests to RingCentral with axios/fetch (no SDK).
const axios = require('axios');
const qs = require('qs');

const TOKEN_URL = 'https://platform.ringcentral.com/restapi/oauth/token';
const basicAuth = { username: process.env.RC_CLIENT_ID, password: process.env.RC_CLIENT_SECRET };

async function tokenWithAxios(username, extension, password) {
  const res = await axios.post(TOKEN_URL, qs.stringify({
    grant_type: 'password', // expect: ringcentral/password-grant-request
    username,
    extension,
    password,
  }), {
    auth: basicAuth,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return res.data;
}

function formSearchParams(u, p) {
  return new URLSearchParams({ grant_type: 'password', username: u, password: p }); // expect: ringcentral/password-grant-request
}

function formPairs(u, ext, p) {
  return new URLSearchParams([
    ['grant_type', 'password'], // expect: ringcentral/password-grant-request
    ['username', u],
    ['extension', ext],
    ['password', p],
  ]);
}

function formAppend(u, p) {
  const params = new URLSearchParams();
  params.append('grant_type', 'password'); // expect: ringcentral/password-grant-request
  params.append('username', u);
  params.append('password', p);
  return params;
}

function fetchStringBody(u, p) {
  return fetch(TOKEN_URL, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${process.env.RC_CLIENT_ID}:${process.env.RC_CLIENT_SECRET}`).toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=password&username=' + encodeURIComponent(u) + '&password=' + encodeURIComponent(p), // expect: ringcentral/password-grant-request
  });
}

function templateBody(u, ext, p) {
  return `grant_type=password&username=${encodeURIComponent(u)}&extension=${ext}&password=${encodeURIComponent(p)}`; // expect: ringcentral/password-grant-request
}

function concatBody(u, p) {
  return 'grant_type=' + 'password' + '&username=' + u + '&password=' + p; // expect: ringcentral/password-grant-request
}

function multiLineTemplate(u, p) {
  return `grant_type=password` + // expect: ringcentral/password-grant-request
    `&username=${encodeURIComponent(u)}` +
    `&password=${encodeURIComponent(p)}`;
}

function jsonStyleKeys(u, p) {
  return { "grant_type": "password", "username": u, "password": p, "extension": "101" }; // expect: ringcentral/password-grant-request
}

function quotedKeyForm(u) {
  return qs.stringify({
    'grant_type': 'password', // expect: ringcentral/password-grant-request
    'username': u,
    'password': 'hunter2',
  });
}

// JWT requests in the same file are fine
function jwtForm(jwt) {
  return new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt });
}

module.exports = { tokenWithAxios, formSearchParams, formPairs, formAppend, fetchStringBody, templateBody, concatBody, multiLineTemplate, jsonStyleKeys, quotedKeyForm, jwtForm };
