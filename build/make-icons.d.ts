/** Folder of the generated icons. */
export declare const RESOURCES_DIR: string;
/** Sizes of the Linux PNGs. */
export declare const LINUX_SIZES: number[];
/** Sizes inside the `.ico`. */
export declare const ICO_SIZES: number[];
/** `.icns` element types by size. */
export declare const ICNS_TYPES: readonly (readonly [string, number])[];
/** Encodes RGBA pixels as a PNG. */
export declare function encodePng(size: number, rgba: Uint8Array): Buffer;
/** Renders the mark at a size (RGBA). */
export declare function renderIcon(size: number): Uint8Array;
/** A Windows icon of PNG images. */
export declare function encodeIco(images: ReadonlyArray<readonly [number, Buffer]>): Buffer;
/** A macOS icon family of PNG elements. */
export declare function encodeIcns(elements: ReadonlyArray<readonly [string, Buffer]>): Buffer;
/** Every icon file, by path relative to {@link RESOURCES_DIR}. */
export declare function iconFiles(): Map<string, Buffer>;
