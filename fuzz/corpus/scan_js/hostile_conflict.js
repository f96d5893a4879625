const platform = sdk.platform();
<<<<<<< ours
platform.login({ username: 'u', password: 'p' });
=======
platform.login({ jwt: process.env.RC_JWT });
>>>>>>> theirs
