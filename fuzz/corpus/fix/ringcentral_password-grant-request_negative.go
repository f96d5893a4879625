// The JWT grant, refresh and look-alike grant types in RingCentral code.
package rcauth

import (
	"net/url"
	"os"
)

const tokenURL = "https://platform.ringcentral.com/restapi/oauth/token"

func jwtForm() url.Values {
	v := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {os.Getenv("RC_JWT")}}
	v.Set("grant_type", "refresh_token")
	return v
}

const reset = "grant_type=password_reset&user=1"
