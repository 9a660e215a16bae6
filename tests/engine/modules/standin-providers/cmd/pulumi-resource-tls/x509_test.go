package main

import (
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestSelfSignedCAIsRealX509(t *testing.T) {
	key, err := privateKey(resource.PropertyMap{"algorithm": resource.NewStringProperty("RSA"), "rsaBits": resource.NewNumberProperty(2048)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := selfSignedCert(resource.PropertyMap{
		"privateKeyPem":       key["privateKeyPem"],
		"isCaCertificate":     resource.NewBoolProperty(true),
		"validityPeriodHours": resource.NewNumberProperty(48),
		"allowedUses":         resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("cert_signing"), resource.NewStringProperty("crl_signing")}),
		"subject": resource.NewObjectProperty(resource.PropertyMap{
			"commonName": resource.NewStringProperty("cluster-ca"), "organization": resource.NewStringProperty("io.strimzi"),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(out["certPem"].StringValue()))
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !cert.IsCA || cert.KeyUsage != x509.KeyUsageCertSign|x509.KeyUsageCRLSign {
		t.Errorf("IsCA %v, KeyUsage %v", cert.IsCA, cert.KeyUsage)
	}
	if cert.Subject.CommonName != "cluster-ca" || cert.Subject.Organization[0] != "io.strimzi" {
		t.Errorf("subject %v", cert.Subject)
	}
	if d := cert.NotAfter.Sub(cert.NotBefore); d != 48*time.Hour {
		t.Errorf("validity %v", d)
	}
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Errorf("not self-signed: %v", err)
	}
}

func TestECDSAKeyOnRequestedCurve(t *testing.T) {
	key, err := privateKey(resource.PropertyMap{"algorithm": resource.NewStringProperty("ECDSA"), "ecdsaCurve": resource.NewStringProperty("P256")})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(key["privateKeyPem"].StringValue()))
	k, err := x509.ParseECPrivateKey(block.Bytes)
	if err != nil || k.Curve.Params().Name != "P-256" {
		t.Fatalf("%v %v", err, k)
	}
}
