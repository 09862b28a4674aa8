// Bento blocks generic User-Agents before the API; name the package and its version.
// A unit test keeps PACKAGE_VERSION equal to package.json's version.
export const PACKAGE_NAME = 'n8n-nodes-bentonow';
export const PACKAGE_VERSION = '0.1.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (n8n community node)`;
