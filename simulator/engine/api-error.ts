// Errors thrown by the store and handlers; the HTTP layer renders them in Steve's or Norman's error shape.

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'NotFound', `${ what } not found`);
export const conflict = (msg = 'the object has been modified; please apply your changes to the latest version and try again') => new ApiError(409, 'Conflict', msg);
export const forbidden = (msg: string) => new ApiError(403, 'Forbidden', msg);
export const badRequest = (msg: string) => new ApiError(400, 'BadRequest', msg);
export const invalid = (msg: string) => new ApiError(422, 'Invalid', msg);
