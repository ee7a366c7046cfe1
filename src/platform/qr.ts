/**
 * QR codes for printed pages (flyers, invites, link sheets), written by the `qrcode` library.
 * The library is loaded when the first code is drawn: a server that prints none never holds it.
 */

/**
 * `text` (a URL) as an SVG QR code, the SVG's markup to put in a page: error correction level M
 * (ISO/IEC 18004: about 15 % of the code may be damaged and it still reads), a quiet zone of 2
 * modules around it.
 */
export async function qrCodeSvg(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
