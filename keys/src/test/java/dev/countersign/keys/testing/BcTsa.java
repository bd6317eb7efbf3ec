package dev.countersign.keys.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A Bouncy Castle TSA with its own root. With a well-formed TSA certificate it answers through BC's
 * {@link TimeStampResponseGenerator}; BC refuses to issue with a certificate lacking the critical timestamping EKU,
 * so for those the token is assembled by hand (TSTInfo in CMS signed data with an ESS signing-certificate-v2).
 */
public final class BcTsa {
  /** The TSA certificate's extended key usage. */
  public enum Eku { CRITICAL_TIMESTAMPING, NONE, NON_CRITICAL, WITH_CODE_SIGNING }

  private static final AtomicLong SERIALS = new AtomicLong(1000);
  private final X509Certificate root;
  private final X509Certificate tsaCert;
  private final KeyPair tsaKey;
  private final Eku eku;
  private final X509Certificate intermediate;
  private Duration genTimeOffset = Duration.ZERO;

  public BcTsa(Eku eku) {
    this(eku, null);
  }

  /**
   * With {@code intermediatePurposes} non-null, the TSA certificate is issued by an intermediate CA whose extended
   * key usage is restricted to those purposes (an empty array: no EKU extension).
   */
  public BcTsa(Eku eku, KeyPurposeId[] intermediatePurposes) {
    try {
      this.eku = eku;
      KeyPair rootKey = ecKey();
      tsaKey = ecKey();
      X500Name rootName = new X500Name("CN=BC test TSA root " + SERIALS.incrementAndGet());
      X509v3CertificateBuilder rb = builder(rootName, rootName, rootKey);
      rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      root = sign(rb, rootKey);
      X500Name issuerName = rootName;
      KeyPair issuerKey = rootKey;
      if (intermediatePurposes != null) {
        KeyPair intKey = ecKey();
        X500Name intName = new X500Name("CN=BC test TSA intermediate");
        X509v3CertificateBuilder ib = builder(rootName, intName, intKey);
        ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        ib.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        if (intermediatePurposes.length > 0) {
          ib.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(intermediatePurposes));
        }
        intermediate = sign(ib, rootKey);
        issuerName = intName;
        issuerKey = intKey;
      } else {
        intermediate = null;
      }
      X509v3CertificateBuilder lb = builder(issuerName, new X500Name("CN=BC test TSA"), tsaKey);
      lb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      lb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      switch (eku) {
        case CRITICAL_TIMESTAMPING:
          lb.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
          break;
        case NON_CRITICAL:
          lb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
          break;
        case WITH_CODE_SIGNING:
          lb.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping, KeyPurposeId.id_kp_codeSigning}));
          break;
        default:
          break;
      }
      tsaCert = sign(lb, issuerKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers one DER query. */
  public byte[] reply(byte[] query) {
    try {
      TimeStampRequest request = new TimeStampRequest(query);
      BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
      if (eku == Eku.CRITICAL_TIMESTAMPING) {
        DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build().get(
            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));
        TimeStampTokenGenerator gen = new TimeStampTokenGenerator(signerInfo(null), sha256,
            new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.99.2"));
        gen.addCertificates(new JcaCertStore(List.of(tsaCert)));
        TimeStampResponseGenerator rg = new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED);
        return rg.generate(request, serial, Date.from(Instant.now().plus(genTimeOffset))).getEncoded();
      }
      TSTInfo info = new TSTInfo(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.99.2"),
          request.toASN1Structure().getMessageImprint(), new ASN1Integer(serial), new ASN1GeneralizedTime(new Date()),
          null, ASN1Boolean.FALSE, request.getNonce() == null ? null : new ASN1Integer(request.getNonce()), null, null);
      byte[] certHash = MessageDigest.getInstance("SHA-256").digest(tsaCert.getEncoded());
      AttributeTable attrs = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash)))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(signerInfo(attrs));
      gen.addCertificates(new JcaCertStore(List.of(tsaCert)));
      CMSSignedData signed = gen.generate(new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo,
          info.getEncoded(ASN1Encoding.DER)), true);
      return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), signed.toASN1Structure())
          .getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException("BC TSA failed: " + e.getMessage(), e);
    }
  }

  /** Claims genTime = now + offset in the tokens issued from now on. */
  public BcTsa genTimeOffset(Duration offset) {
    this.genTimeOffset = offset;
    return this;
  }

  public String intermediatePem() {
    return pem(intermediate);
  }

  public String rootPem() {
    return pem(root);
  }

  public String tsaPem() {
    return pem(tsaCert);
  }

  private SignerInfoGenerator signerInfo(AttributeTable attrs) throws Exception {
    JcaSignerInfoGeneratorBuilder b = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
    if (attrs != null) {
      b.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attrs));
    }
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(tsaKey.getPrivate()), tsaCert);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, key.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKey) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  public static String pem(X509Certificate cert) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(cert);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
