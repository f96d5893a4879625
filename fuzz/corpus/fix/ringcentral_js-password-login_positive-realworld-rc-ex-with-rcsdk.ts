// From the @rc-ex/rcsdk README (0.5.9 and 1.4.2): one file imports both @ringcentral/sdk and
// @rc-ex/core. `sdk` is an @ringcentral/sdk SDK, so the finding should name @ringcentral/sdk (its
// JWT note: @ringcentral/sdk >= 4.7.0); today the whole file is taken as @rc-ex/core, because the
// SDK family is chosen per file by the first matching import pattern.
import SDK from '@ringcentral/sdk';
import RingCentral from '@rc-ex/core';
import RcSdkExtension from '@rc-ex/rcsdk';

const clientId = process.env.RINGCENTRAL_CLIENT_ID;
const clientSecret = process.env.RINGCENTRAL_CLIENT_SECRET;
const server = process.env.RINGCENTRAL_SERVER_URL;
const username = process.env.RINGCENTRAL_USERNAME;
const extension = process.env.RINGCENTRAL_EXTENSION;
const password = process.env.RINGCENTRAL_PASSWORD;

// @ringcentral/sdk
const sdk = new SDK({ clientId, clientSecret, server });
await sdk.login({ username, extension, password }); // expect: ringcentral/js-password-login

// ringcentral-extensible + rcsdk extension
const rc = new RingCentral();
const rcSdkExtension = new RcSdkExtension({ rcSdk: sdk });
await rc.installExtension(rcSdkExtension);

// API call with @ringcentral/sdk as HTTP engine
const extensionInfo = await rc.restapi().account().extension().get();
