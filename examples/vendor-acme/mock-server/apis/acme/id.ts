/** The vendor's id: its spec's file name and this folder's name. */
export const ID = 'acme';
