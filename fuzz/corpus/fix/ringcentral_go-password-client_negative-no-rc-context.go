// A vault client whose constructor happens to share a name: no RingCentral import or host.
package vault

func connect(user, pass string) (*Client, error) {
	return NewClientPassword(Config{Address: "https://vault.example.org", User: user, Pass: pass})
}
