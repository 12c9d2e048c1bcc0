/**
 * asn1-schema classes for reading a SCEP pkiMessage in one pass (issue 10, the SCEP bench). They follow RFC 5652
 * (CMS) and RFC 5280 (Certificate) exactly, but keep as raw DER (AsnPropTypes.Any) every part the SCEP server only
 * compares or hands on: the signer certificate's issuer, validity, subject, SubjectPublicKeyInfo and extensions, the
 * sid's and rid's issuer Names, the signed attributes as they were sent. asn1-cms's classes parse all of it into
 * objects, which then have to be serialized again to be compared or verified; that was most of a request's time.
 * A message these schemas do not fit (another CertificateChoices, a subjectKeyIdentifier sid, a KEKRecipientInfo…)
 * fails to parse here and is read by parseWithPkijs (message.ts), which gives the precise answer.
 * Decorators are applied as functions (no experimentalDecorators in this repo), as asn1-cms's compiled code does.
 */
import { AsnArray, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from "@peculiar/asn1-schema";
import * as cms from "@peculiar/asn1-cms";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";

type Ctor = { prototype: object };
type PropOptions = Parameters<typeof AsnProp>[0];
const props = (target: Ctor, fields: Record<string, PropOptions>) => {
  for (const [name, options] of Object.entries(fields)) AsnProp(options)(target.prototype, name);
};
const raw = (): ArrayBuffer => new ArrayBuffer(0);
const any = { type: AsnPropTypes.Any } as const;
const integerBytes = { type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter } as const;

/** SubjectPublicKeyInfo; the certificate keeps its DER too (`subjectPublicKeyInfoRaw`). */
export class ScepSubjectPublicKeyInfo {
  algorithm = new AlgorithmIdentifier();
  subjectPublicKey = raw();
}
props(ScepSubjectPublicKeyInfo, { algorithm: { type: AlgorithmIdentifier }, subjectPublicKey: { type: AsnPropTypes.BitString } });

/** TBSCertificate with the parts SCEP only compares kept as DER. */
export class ScepTbsCertificate {
  version?: ArrayBuffer;
  serialNumber = raw();
  signature = raw();
  issuer = raw();
  validity = raw();
  subject = raw();
  subjectPublicKeyInfo = new ScepSubjectPublicKeyInfo();
  /** The SubjectPublicKeyInfo's DER as in the certificate. */
  subjectPublicKeyInfoRaw?: Uint8Array;
  issuerUniqueID?: ArrayBuffer;
  subjectUniqueID?: ArrayBuffer;
  extensions?: ArrayBuffer;
}
props(ScepTbsCertificate, {
  version: { ...any, context: 0, optional: true },
  serialNumber: integerBytes,
  signature: any,
  issuer: any,
  validity: any,
  subject: any,
  subjectPublicKeyInfo: { type: ScepSubjectPublicKeyInfo, raw: true },
  issuerUniqueID: { type: AsnPropTypes.BitString, context: 1, implicit: true, optional: true },
  subjectUniqueID: { type: AsnPropTypes.BitString, context: 2, implicit: true, optional: true },
  extensions: { ...any, context: 3, optional: true },
});

export class ScepCertificate {
  tbsCertificate = new ScepTbsCertificate();
  signatureAlgorithm = raw();
  signatureValue = raw();
}
props(ScepCertificate, { tbsCertificate: { type: ScepTbsCertificate }, signatureAlgorithm: any, signatureValue: any });

/** IssuerAndSerialNumber with the issuer Name as DER (a sid, a KeyTransRecipientInfo's rid). */
export class ScepIssuerAndSerial {
  issuer = raw();
  serialNumber = raw();
}
props(ScepIssuerAndSerial, { issuer: any, serialNumber: integerBytes });

/** SET OF Attribute, as a class so that the signed attributes keep their DER as sent (`signedAttrsRaw`). */
export class ScepAttributes extends AsnArray<cms.Attribute> {}
AsnType({ type: AsnTypeTypes.Set, itemType: cms.Attribute })(ScepAttributes);

export class ScepSignerInfo {
  version = 0;
  sid = new ScepIssuerAndSerial();
  digestAlgorithm = new AlgorithmIdentifier();
  signedAttrs?: ScepAttributes;
  /** The signed attributes' DER as received, [0] IMPLICIT tag included. */
  signedAttrsRaw?: Uint8Array;
  signatureAlgorithm = new AlgorithmIdentifier();
  signature = new OctetString();
  unsignedAttrs?: ArrayBuffer;
}
props(ScepSignerInfo, {
  version: { type: AsnPropTypes.Integer },
  sid: { type: ScepIssuerAndSerial },
  digestAlgorithm: { type: AlgorithmIdentifier },
  signedAttrs: { type: ScepAttributes, context: 0, implicit: true, optional: true, raw: true },
  signatureAlgorithm: { type: AlgorithmIdentifier },
  signature: { type: OctetString },
  unsignedAttrs: { ...any, context: 1, optional: true },
});

export class ScepSignerInfos extends AsnArray<ScepSignerInfo> {}
AsnType({ type: AsnTypeTypes.Set, itemType: ScepSignerInfo })(ScepSignerInfos);

export class ScepEncapsulatedContentInfo {
  eContentType = "";
  eContent?: OctetString;
}
props(ScepEncapsulatedContentInfo, {
  eContentType: { type: AsnPropTypes.ObjectIdentifier },
  eContent: { type: OctetString, context: 0, optional: true },
});

export class ScepSignedData {
  version = 0;
  digestAlgorithms = raw();
  encapContentInfo = new ScepEncapsulatedContentInfo();
  certificates?: ScepCertificate[];
  crls?: ArrayBuffer;
  signerInfos = new ScepSignerInfos();
}
props(ScepSignedData, {
  version: { type: AsnPropTypes.Integer },
  digestAlgorithms: any,
  encapContentInfo: { type: ScepEncapsulatedContentInfo },
  certificates: { type: ScepCertificate, context: 0, implicit: true, repeated: "set", optional: true },
  crls: { ...any, context: 1, optional: true },
  signerInfos: { type: ScepSignerInfos },
});

/** ContentInfo whose content is read as SignedData in the same pass. */
export class ScepSignedDataInfo {
  contentType = "";
  content = new ScepSignedData();
}
props(ScepSignedDataInfo, { contentType: { type: AsnPropTypes.ObjectIdentifier }, content: { type: ScepSignedData, context: 0 } });

export class ScepKeyTransRecipientInfo {
  version = 0;
  rid = new ScepIssuerAndSerial();
  keyEncryptionAlgorithm = new AlgorithmIdentifier();
  encryptedKey = new OctetString();
}
props(ScepKeyTransRecipientInfo, {
  version: { type: AsnPropTypes.Integer },
  rid: { type: ScepIssuerAndSerial },
  keyEncryptionAlgorithm: { type: AlgorithmIdentifier },
  encryptedKey: { type: OctetString },
});

export class ScepRecipientInfos extends AsnArray<ScepKeyTransRecipientInfo> {}
AsnType({ type: AsnTypeTypes.Set, itemType: ScepKeyTransRecipientInfo })(ScepRecipientInfos);

export class ScepEnvelopedData {
  version = 0;
  originatorInfo?: ArrayBuffer;
  recipientInfos = new ScepRecipientInfos();
  encryptedContentInfo = new cms.EncryptedContentInfo();
  unprotectedAttrs?: ArrayBuffer;
}
props(ScepEnvelopedData, {
  version: { type: AsnPropTypes.Integer },
  originatorInfo: { ...any, context: 0, optional: true },
  recipientInfos: { type: ScepRecipientInfos },
  encryptedContentInfo: { type: cms.EncryptedContentInfo },
  unprotectedAttrs: { ...any, context: 1, optional: true },
});

/** ContentInfo whose content is read as EnvelopedData in the same pass. */
export class ScepEnvelopedDataInfo {
  contentType = "";
  content = new ScepEnvelopedData();
}
props(ScepEnvelopedDataInfo, { contentType: { type: AsnPropTypes.ObjectIdentifier }, content: { type: ScepEnvelopedData, context: 0 } });
