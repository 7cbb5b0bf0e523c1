import type { AnnotationFile } from '../annotation-schema.js';
import { fieldsOf, type FileContext, type ResolveContext } from './context.js';

type ActorAnnotation = AnnotationFile['actors'][number];

/** A file's actors: their fields (merged across files by id), aliases, roles and relations. */
export function resolveActors(fc: FileContext): void {
  // id → index of its first entry in this file.
  const seen = new Map<string, number>();
  fc.annotation.actors.forEach((actor, i) => {
    const path = `actors[${i}]`;
    const first = seen.get(actor.id);
    if (first !== undefined) {
      // The repeated entry is not merged: the one problem is the repetition, not what follows from it.
      fc.problem(
        `${path}.id`,
        `actor "${actor.id}" is listed twice in this file (first as actors[${first}])`,
      );
      return;
    }
    seen.set(actor.id, i);
    fieldsOf(fc.ctx.actorFields, actor.id, fc.file, path).merge(
      { name: actor.name, kind: actor.kind, description: actor.description, wikidata: actor.wikidata },
      fc.file,
      path,
      fc.ctx.issues,
    );
    resolveAliases(fc, actor, path);
    resolveRoles(fc, actor, path);
    resolveRelations(fc, actor, path);
  });
}

function resolveAliases(fc: FileContext, actor: ActorAnnotation, path: string): void {
  const src = fc.annotation.source;
  actor.aliases.forEach((ref, j) => {
    const found = fc.locate(ref, `${path}.aliases[${j}]`);
    if (!found) return;
    const key = JSON.stringify([actor.id, src.id, found.span.start]);
    if (fc.ctx.aliasKeys.has(key)) return;
    fc.ctx.aliasKeys.add(key);
    fc.ctx.aliasSites.push({
      file: fc.file,
      path: `${path}.aliases[${j}]`,
      actorId: actor.id,
      body: fc.body,
      span: found.span,
      text: found.text,
    });
    fc.ctx.dataset.actorAliases.push({
      actorId: actor.id,
      alias: found.text,
      sourceId: src.id,
      ...found.span,
    });
  });
}

function resolveRoles(fc: FileContext, actor: ActorAnnotation, path: string): void {
  actor.roles.forEach((role, j) => {
    const rolePath = `${path}.roles[${j}]`;
    const found = fc.locate(role.evidence, `${rolePath}.evidence`);
    const ofOk = role.of === undefined || fc.knownActor(role.of, `${rolePath}.of`);
    if (found && ofOk)
      fc.ctx.dataset.actorRoles.push({
        actorId: actor.id,
        title: role.title,
        ofActorId: role.of ?? null,
        sourceId: fc.annotation.source.id,
        ...found.span,
      });
  });
}

function resolveRelations(fc: FileContext, actor: ActorAnnotation, path: string): void {
  actor.relations.forEach((rel, j) => {
    const relPath = `${path}.relations[${j}]`;
    const found = fc.locate(rel.evidence, `${relPath}.evidence`);
    if (found && fc.knownActor(rel.object, `${relPath}.object`))
      fc.ctx.dataset.actorRelations.push({
        subjectId: actor.id,
        type: rel.type,
        objectId: rel.object,
        sourceId: fc.annotation.source.id,
        ...found.span,
      });
  });
}

/** Every actor, once every file is read: each needs a name and a kind from some file. */
export function finishActors(ctx: ResolveContext): void {
  for (const [id, fields] of ctx.actorFields) {
    const { name, kind, description, wikidata } = fields.values;
    if (name === undefined || kind === undefined) {
      ctx.issues.push({
        ...fields.firstSeen,
        message: `actor "${id}" needs a "name" and a "kind" in at least one file`,
      });
      continue;
    }
    ctx.dataset.actors.push({ id, name, kind, description: description ?? null, wikidata: wikidata ?? null });
  }
}
