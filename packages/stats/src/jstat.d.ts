// jstat ships no types; this declares only the functions @cxr/stats uses.
declare module 'jstat' {
  interface StudentT {
    cdf(x: number, dof: number): number;
    pdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  interface NoncentralT {
    /** P(T' <= x) for T' noncentral t with dof degrees of freedom and noncentrality ncp. */
    cdf(x: number, dof: number, ncp: number): number;
  }
  const jStat: {
    studentt: StudentT;
    noncentralt: NoncentralT;
    /** ln Gamma(x) for x > 0. */
    gammaln(x: number): number;
  };
  export default jStat;
}
