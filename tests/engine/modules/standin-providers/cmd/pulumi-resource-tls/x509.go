package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func str(in resource.PropertyMap, key, fallback string) string {
	if v, ok := in[resource.PropertyKey(key)]; ok && v.IsString() {
		return v.StringValue()
	}
	return fallback
}

func num(in resource.PropertyMap, key string, fallback float64) float64 {
	if v, ok := in[resource.PropertyKey(key)]; ok && v.IsNumber() {
		return v.NumberValue()
	}
	return fallback
}

func strs(in resource.PropertyMap, key string) []string {
	var out []string
	if v, ok := in[resource.PropertyKey(key)]; ok && v.IsArray() {
		for _, e := range v.ArrayValue() {
			if e.IsString() {
				out = append(out, e.StringValue())
			}
		}
	}
	return out
}

func pemOf(kind string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}))
}

// privateKey generates an RSA (default 2048 bits) or ECDSA (default P224) key, as pulumi-tls does.
func privateKey(in resource.PropertyMap) (resource.PropertyMap, error) {
	var key crypto.Signer
	var keyPem string
	switch alg := str(in, "algorithm", ""); alg {
	case "RSA":
		k, err := rsa.GenerateKey(rand.Reader, int(num(in, "rsaBits", 2048)))
		if err != nil {
			return nil, err
		}
		key, keyPem = k, pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k))
	case "ECDSA":
		curves := map[string]elliptic.Curve{
			"P224": elliptic.P224(), "P256": elliptic.P256(), "P384": elliptic.P384(), "P521": elliptic.P521(),
		}
		curve, ok := curves[str(in, "ecdsaCurve", "P224")]
		if !ok {
			return nil, fmt.Errorf("unsupported ecdsaCurve %q", str(in, "ecdsaCurve", ""))
		}
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			return nil, err
		}
		key, keyPem = k, pemOf("EC PRIVATE KEY", der)
	default:
		return nil, fmt.Errorf("the tls test double supports algorithm RSA or ECDSA, not %q", alg)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil {
		return nil, err
	}
	return resource.PropertyMap{
		"privateKeyPem":      resource.NewStringProperty(keyPem),
		"privateKeyPemPkcs8": resource.NewStringProperty(pemOf("PRIVATE KEY", pkcs8)),
		"publicKeyPem":       resource.NewStringProperty(pemOf("PUBLIC KEY", pub)),
	}, nil
}

func parseKey(keyPem string) (crypto.Signer, string, error) {
	block, _ := pem.Decode([]byte(keyPem))
	if block == nil {
		return nil, "", fmt.Errorf("privateKeyPem holds no PEM block")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, "RSA", nil
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, "ECDSA", nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, "", fmt.Errorf("privateKeyPem: %w", err)
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, "", fmt.Errorf("privateKeyPem: unsupported key type")
	}
	return signer, "PKCS8", nil
}

func subjectOf(in resource.PropertyMap) pkix.Name {
	v, ok := in["subject"]
	if !ok || !v.IsObject() {
		return pkix.Name{}
	}
	s := v.ObjectValue()
	one := func(key string) []string {
		if x := str(s, key, ""); x != "" {
			return []string{x}
		}
		return nil
	}
	return pkix.Name{
		CommonName:         str(s, "commonName", ""),
		SerialNumber:       str(s, "serialNumber", ""),
		Organization:       one("organization"),
		OrganizationalUnit: one("organizationalUnit"),
		Country:            one("country"),
		Locality:           one("locality"),
		Province:           one("province"),
		PostalCode:         one("postalCode"),
		StreetAddress:      strs(s, "streetAddresses"),
	}
}

var keyUsages = map[string]x509.KeyUsage{
	"digital_signature":  x509.KeyUsageDigitalSignature,
	"content_commitment": x509.KeyUsageContentCommitment,
	"key_encipherment":   x509.KeyUsageKeyEncipherment,
	"data_encipherment":  x509.KeyUsageDataEncipherment,
	"key_agreement":      x509.KeyUsageKeyAgreement,
	"cert_signing":       x509.KeyUsageCertSign,
	"crl_signing":        x509.KeyUsageCRLSign,
	"encipher_only":      x509.KeyUsageEncipherOnly,
	"decipher_only":      x509.KeyUsageDecipherOnly,
}

var extKeyUsages = map[string]x509.ExtKeyUsage{
	"any_extended": x509.ExtKeyUsageAny,
	"server_auth":  x509.ExtKeyUsageServerAuth,
	"client_auth":  x509.ExtKeyUsageClientAuth,
	"code_signing": x509.ExtKeyUsageCodeSigning,
}

// selfSignedCert issues a real self-signed X.509 certificate for the given key.
func selfSignedCert(in resource.PropertyMap) (resource.PropertyMap, error) {
	key, alg, err := parseKey(str(in, "privateKeyPem", ""))
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil {
		return nil, err
	}
	skid := sha1.Sum(pub)
	now := time.Now().UTC().Truncate(time.Second)
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               subjectOf(in),
		NotBefore:             now,
		NotAfter:              now.Add(time.Duration(num(in, "validityPeriodHours", 0)) * time.Hour),
		BasicConstraintsValid: true,
		IsCA:                  resource.NewBoolProperty(true).DeepEquals(in["isCaCertificate"]),
		SubjectKeyId:          skid[:],
		DNSNames:              strs(in, "dnsNames"),
	}
	for _, ip := range strs(in, "ipAddresses") {
		tmpl.IPAddresses = append(tmpl.IPAddresses, net.ParseIP(ip))
	}
	for _, use := range strs(in, "allowedUses") {
		if u, ok := keyUsages[use]; ok {
			tmpl.KeyUsage |= u
		} else if e, ok := extKeyUsages[use]; ok {
			tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, e)
		} else {
			return nil, fmt.Errorf("allowedUses: unsupported use %q", use)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	if alg == "PKCS8" {
		if _, ok := key.(*rsa.PrivateKey); ok {
			alg = "RSA"
		} else {
			alg = "ECDSA"
		}
	}
	return resource.PropertyMap{
		"certPem":           resource.NewStringProperty(pemOf("CERTIFICATE", der)),
		"validityStartTime": resource.NewStringProperty(tmpl.NotBefore.Format(time.RFC3339)),
		"validityEndTime":   resource.NewStringProperty(tmpl.NotAfter.Format(time.RFC3339)),
		"keyAlgorithm":      resource.NewStringProperty(alg),
	}, nil
}
