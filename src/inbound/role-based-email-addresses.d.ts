// role-based-email-addresses ships no types: a CommonJS array of local parts.
declare module "role-based-email-addresses" {
  const roles: string[];
  export default roles;
}
