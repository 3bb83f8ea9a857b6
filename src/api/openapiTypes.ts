/**
 * The part of OpenAPI 3.1 this API's document uses, typed so that a misspelt key or a
 * wrong shape fails the type check rather than a client's code generator.
 */
export interface Ref {
  $ref: string;
  description?: string;
}

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface SchemaObject {
  type?: JsonType | JsonType[];
  title?: string;
  description?: string;
  format?: string;
  contentMediaType?: string;
  properties?: Record<string, SchemaOrRef>;
  required?: string[];
  additionalProperties?: boolean | SchemaOrRef;
  items?: SchemaOrRef;
  maxItems?: number;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  default?: string | number | boolean | null;
  oneOf?: SchemaOrRef[];
  allOf?: SchemaOrRef[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  examples?: unknown[];
}

export type SchemaOrRef = SchemaObject | Ref;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  description: string;
  required?: boolean;
  schema: SchemaOrRef;
}

export interface Encoding {
  contentType?: string;
  style?: 'form' | 'deepObject';
  explode?: boolean;
}

export interface MediaType {
  schema: SchemaOrRef;
  encoding?: Record<string, Encoding>;
  example?: unknown;
}

export interface Header {
  description: string;
  schema: SchemaOrRef;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Ref>;
  content?: Record<string, MediaType>;
}

export interface RequestBody {
  description?: string;
  required?: boolean;
  content: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: RequestBody;
  responses: Record<string, Response | Ref>;
  security?: Record<string, string[]>[];
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];
export type PathItem = Partial<Record<Method, Operation>>;

export type SecurityScheme =
  | { type: 'apiKey'; in: 'cookie' | 'header' | 'query'; name: string; description?: string }
  | { type: 'http'; scheme: 'bearer'; description?: string };

export interface Components {
  schemas: Record<string, SchemaObject>;
  parameters: Record<string, Parameter>;
  responses: Record<string, Response>;
  headers: Record<string, Header>;
  securitySchemes: Record<string, SecurityScheme>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license?: { name: string; identifier: string } };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: Components;
}
