/** The part of the `bcrypt` package we use (it ships no types, and @types/bcrypt is not installed). */
declare module "bcrypt" {
  export function hash(data: string | Buffer, saltOrRounds: string | number): Promise<string>;
  export function compare(data: string | Buffer, encrypted: string): Promise<boolean>;
  export function getRounds(encrypted: string): number;
}
