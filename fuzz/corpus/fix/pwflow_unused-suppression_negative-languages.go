// A suppression that still suppresses a finding is used.
package rc

import "os"

func token() {
	// pwflow-ignore: ringcentral/password-grant-request -- legacy test server, removed in #77
	body := "grant_type=password&username=" + os.Getenv("RC_USERNAME") + "&password=" + os.Getenv("RC_PASSWORD") + "&server=platform.ringcentral.com"
	_ = body
}
