import type { Configuration } from 'electron-builder';
/** Application id (macOS bundle id, Windows AppUserModelID). */
export declare const APP_ID: string;
/** Display name of the app and its installers. */
export declare const PRODUCT_NAME: string;
/** electron-builder configuration of the installers. */
export declare const config: Configuration;
