import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { esvBehaviour, startEmulator } from '../../emulator/index.js'
import { esvTimestamp } from '../../emulator/state.js'
import type { Emulator } from '../../emulator/index.js'
import type { EsvCount, EsvVariable, EsvVariableV2, PagedList } from '../../src/tenant/types.js'
import { b64, call, tokenFor } from './client.js'
import type { Answer } from './client.js'

let emulator: Emulator
let token: string

beforeAll(async () => {
  emulator = await startEmulator()
  token = await tokenFor(emulator, 'lower')
})
afterAll(() => emulator.close())

const put = (id: string, body: unknown) => call<EsvVariable>(emulator, 'lower', 'PUT', `/environment/variables/${id}`, { token, body })
const get = (id: string) => call<EsvVariable>(emulator, 'lower', 'GET', `/environment/variables/${id}`, { token })

describe('seed', () => {
  test('each tenant starts with the same seeded, loaded variables of several types', async () => {
    const lower = await call<PagedList<EsvVariable>>(emulator, 'lower', 'GET', '/environment/variables', { token })
    const upper = await call<PagedList<EsvVariable>>(emulator, 'upper', 'GET', '/environment/variables', {
      token: await tokenFor(emulator, 'upper')
    })
    expect(lower.body).toEqual(upper.body)
    expect(new Set(lower.body.result.map((v) => v.expressionType)).size).toBeGreaterThanOrEqual(5)
    expect(lower.body.result.every((v) => v.loaded)).toBe(true)
    expect(emulator.lower.state.variables).not.toBe(emulator.upper.state.variables)
  })
})

describe('create, update, delete', () => {
  test('[ESV-11][ESV-10][ESV-18] PUT creates a variable, answering it with its value, pending and stamped with the caller', async () => {
    const answer = await put('esv-new-url', { valueBase64: b64('https://x.example'), expressionType: 'string', description: 'X' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/json')
    expect(answer.body).toEqual({
      _id: 'esv-new-url',
      description: 'X',
      expressionType: 'string',
      valueBase64: b64('https://x.example'),
      loaded: false,
      lastChangedBy: emulator.serviceAccount.id,
      lastChangeDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/)
    })
    expect((await get('esv-new-url')).body).toEqual(answer.body)
  })

  test('[ESV-12] creating without expressionType is refused with the real message', async () => {
    const answer = await put('esv-untyped', { valueBase64: b64('1') })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      code: 400,
      message: 'Variable type required; expressionType cannot be empty when creating new variables'
    })
    expect(emulator.lower.state.variables.has('esv-untyped')).toBe(false)
  })

  test('[ESV-13] PUT updates the value and keeps the type when it is left out; repeating the same type is fine', async () => {
    await put('esv-count', { valueBase64: b64('1'), expressionType: 'int', description: 'count' })
    const answer = await put('esv-count', { valueBase64: b64('2'), description: 'count' })
    expect(answer.body).toMatchObject({ valueBase64: b64('2'), expressionType: 'int', description: 'count', loaded: false })
    expect((await put('esv-count', { valueBase64: b64('3'), expressionType: 'int', description: 'count' })).status).toBe(200)
  })

  test('[ESV-14] by default a PUT that leaves the description out clears it; the keeps option leaves it', async () => {
    await put('esv-described-once', { valueBase64: b64('1'), expressionType: 'string', description: 'kept?' })
    expect((await put('esv-described-once', { valueBase64: b64('2') })).body.description).toBe('')
    const behaviour = esvBehaviour(emulator.lower.state)
    behaviour.putWithoutDescription = 'keeps'
    try {
      await put('esv-described-once', { valueBase64: b64('3'), description: 'kept' })
      expect((await put('esv-described-once', { valueBase64: b64('4') })).body.description).toBe('kept')
    } finally {
      behaviour.putWithoutDescription = 'clears'
    }
  })

  test('[ESV-32] a variable without a type reads expressionType ""; naming a type for it is refused by default, the sets option types it', async () => {
    emulator.lower.state.variables.set('esv-legacy', {
      _id: 'esv-legacy',
      description: '',
      expressionType: '',
      valueBase64: b64('for jest'),
      lastChangeDate: '2022-11-30T00:13:52Z',
      lastChangedBy: 'someone',
      loaded: true,
      changeSeq: 0
    })
    expect((await get('esv-legacy')).body.expressionType).toBe('')
    expect((await put('esv-legacy', { valueBase64: b64('typed'), expressionType: 'string' })).status).toBe(400)
    expect((await put('esv-legacy', { valueBase64: b64('untyped') })).body).toMatchObject({
      expressionType: '',
      valueBase64: b64('untyped')
    })
    const behaviour = esvBehaviour(emulator.lower.state)
    behaviour.typingUntyped = 'sets'
    try {
      expect((await put('esv-legacy', { valueBase64: b64('typed'), expressionType: 'string' })).body.expressionType).toBe('string')
    } finally {
      behaviour.typingUntyped = 'refuses'
    }
  })

  test('[ESV-13] the expressionType of an existing variable cannot change', async () => {
    const answer = await put('esv-api-base-url', { valueBase64: b64('[]'), expressionType: 'array' })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ code: 400, message: expect.stringMatching(/expressionType/) })
    expect(emulator.lower.state.variables.get('esv-api-base-url')).toMatchObject({ expressionType: 'string', loaded: true })
  })

  test('[ESV-15] bodies and ids are validated like the OpenAPI says', async () => {
    const cases: [string, unknown][] = [
      ['esv-ok', { valueBase64: 'not base64!', expressionType: 'string' }],
      ['esv-ok', { expressionType: 'string' }],
      ['esv-ok', { valueBase64: 'eA==', expressionType: 'text' }],
      ['esv-ok', { valueBase64: 'eA==', expressionType: 'string', description: 'd'.repeat(1001) }],
      ['esv-ok', 'not json'],
      ['esv-ok', [1, 2]],
      ['ESV-UPPER', { valueBase64: 'eA==', expressionType: 'string' }],
      ['not-esv', { valueBase64: 'eA==', expressionType: 'string' }]
    ]
    for (const [id, body] of cases) {
      const answer = await put(id, body)
      expect({ id, body, status: answer.status, code: (answer.body as unknown as { code: number }).code }).toEqual({
        id,
        body,
        status: 400,
        code: 400
      })
    }
    expect((await put('esv-ok', { valueBase64: 'eA==', expressionType: 'string', description: 'd'.repeat(1000) })).status).toBe(200)
  })

  test('[ESV-16] setDescription answers 200 with no body and no content type, and changes only the description', async () => {
    await put('esv-described', { valueBase64: b64('v'), expressionType: 'string', description: 'old' })
    const answer = await call(emulator, 'lower', 'POST', '/environment/variables/esv-described?_action=setDescription', {
      token,
      body: { description: 'new' }
    })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('')
    expect(answer.headers.get('content-type')).toBeNull()
    expect((await get('esv-described')).body).toMatchObject({ description: 'new', valueBase64: b64('v'), loaded: false })
    const wrongAction = await call(emulator, 'lower', 'POST', '/environment/variables/esv-described?_action=rename', {
      token,
      body: { description: 'x' }
    })
    expect(wrongAction.status).toBe(400)
    const missing = await call(emulator, 'lower', 'POST', '/environment/variables/esv-never-made?_action=setDescription', {
      token,
      body: { description: 'x' }
    })
    expect(missing).toMatchObject({ status: 404, body: { code: 404, message: 'The variable does not exist' } })
  })

  test('[ESV-17][ESV-10] DELETE answers the deleted variable, then 404 with the real message', async () => {
    await put('esv-doomed', { valueBase64: b64('bye'), expressionType: 'string' })
    const deleted = await call<EsvVariable>(emulator, 'lower', 'DELETE', '/environment/variables/esv-doomed', { token })
    expect(deleted.status).toBe(200)
    expect(deleted.body._id).toBe('esv-doomed')
    const again = await call(emulator, 'lower', 'DELETE', '/environment/variables/esv-doomed', { token })
    expect(again).toMatchObject({ status: 404, body: { code: 404, message: 'The variable does not exist' } })
    expect((await get('esv-doomed')).status).toBe(404)
  })
})

describe('dates', () => {
  test('[ESV-18] dates print as recorded: fractional seconds with trailing zeros dropped, none when whole', () => {
    expect(esvTimestamp(Date.parse('2024-01-20T04:38:14.130Z'))).toBe('2024-01-20T04:38:14.13Z')
    expect(esvTimestamp(Date.parse('2024-01-20T04:38:14.007Z'))).toBe('2024-01-20T04:38:14.007Z')
    expect(esvTimestamp(Date.parse('2024-01-20T04:38:14.000Z'))).toBe('2024-01-20T04:38:14Z')
  })
})

describe('lists and paging', () => {
  let paging: Emulator
  let pagingToken: string
  beforeAll(async () => {
    paging = await startEmulator({ seed: { serviceAccountId: 'sa-paging', variables: [], secrets: [] } })
    pagingToken = await tokenFor(paging, 'lower')
    for (let i = 0; i < 60; i += 1) {
      const id = `esv-item-${String(i).padStart(2, '0')}`
      paging.lower.state.variables.set(id, {
        _id: id,
        description: '',
        expressionType: 'string',
        valueBase64: b64(`value ${i}`),
        lastChangeDate: '2024-01-01T00:00:00Z',
        lastChangedBy: 'test',
        loaded: i % 3 !== 0,
        changeSeq: 0
      })
    }
  })
  afterAll(() => paging.close())

  test('[ESV-04][ESV-01] v1 answers the whole list in the paged envelope, values included', async () => {
    const answer = await call<PagedList<EsvVariable>>(paging, 'lower', 'GET', '/environment/variables?_pageSize=10', { token: pagingToken })
    expect(answer.body).toMatchObject({
      resultCount: 60,
      pagedResultsCookie: null,
      totalPagedResultsPolicy: 'NONE',
      totalPagedResults: -1,
      remainingPagedResults: -1
    })
    expect(answer.body.result).toHaveLength(60)
    expect(answer.body.result[0]?.valueBase64).toBe(b64('value 0'))
  })

  test('[ESV-05][ESV-06][ESV-01] v2 pages with an opaque cookie, 25 by default, and leaves values out', async () => {
    const ids: string[] = []
    let cookie: string | null = ''
    let pages = 0
    do {
      const answer: Answer<PagedList<EsvVariableV2>> = await call<PagedList<EsvVariableV2>>(
        paging,
        'lower',
        'GET',
        `/environment/variables${cookie ? `?_pagedResultsCookie=${encodeURIComponent(cookie)}` : ''}`,
        { token: pagingToken, resource: '2.0' }
      )
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-api-version')).toBeNull()
      expect(answer.body.result.every((v) => !('valueBase64' in v))).toBe(true)
      ids.push(...answer.body.result.map((v) => v._id))
      cookie = answer.body.pagedResultsCookie
      pages += 1
    } while (cookie)
    expect(pages).toBe(3)
    expect(ids).toEqual([...paging.lower.state.variables.keys()].sort())
  })

  test('[ESV-05][ESV-07][ESV-03] v2 honours _pageSize, _pagedResultsOffset and _onlyPending, and refuses bad paging', async () => {
    const page = await call<PagedList<EsvVariableV2>>(
      paging,
      'lower',
      'GET',
      '/environment/variables?_pageSize=100&_pagedResultsOffset=55',
      { token: pagingToken, resource: '2.0' }
    )
    expect(page.body.result.map((v) => v._id)).toEqual(['esv-item-55', 'esv-item-56', 'esv-item-57', 'esv-item-58', 'esv-item-59'])
    expect(page.body.pagedResultsCookie).toBeNull()
    const pending = await call<PagedList<EsvVariableV2>>(paging, 'lower', 'GET', '/environment/variables?_onlyPending=true&_pageSize=100', {
      token: pagingToken,
      resource: '2.0'
    })
    expect(pending.body.resultCount).toBe(20)
    expect(pending.body.result.every((v) => !v.loaded)).toBe(true)
    for (const query of ['_pageSize=0', '_pageSize=101', '_pagedResultsOffset=-1', '_pagedResultsCookie=garbage', '_onlyPending=maybe']) {
      const bad = await call(paging, 'lower', 'GET', `/environment/variables?${query}`, { token: pagingToken, resource: '2.0' })
      expect({ query, status: bad.status }).toEqual({ query, status: 400 })
    }
  })

  test('[ESV-08][ESV-07] count counts everything, or only pending with v2', async () => {
    const all = await call<EsvCount>(paging, 'lower', 'GET', '/environment/count?_onlyPending=true', { token: pagingToken })
    expect(all.body).toEqual({ secrets: 0, variables: 60 })
    const pending = await call<EsvCount>(paging, 'lower', 'GET', '/environment/count?_onlyPending=true', {
      token: pagingToken,
      resource: '2.0'
    })
    expect(pending.body).toEqual({ secrets: 0, variables: 20 })
  })

  test('[ESV-03][ESV-01] an unsupported resource version is refused', async () => {
    const response = await fetch(`${paging.lower.url}/environment/variables`, {
      headers: { authorization: `Bearer ${pagingToken}`, 'accept-api-version': 'resource=9.0' }
    })
    expect(response.status).toBe(400)
  })

  test('[ESV-03] with strictParameters off, an unknown version is answered as 1.0 and paging values are clamped', async () => {
    const behaviour = esvBehaviour(paging.lower.state)
    behaviour.strictParameters = false
    try {
      const v9 = await fetch(`${paging.lower.url}/environment/variables`, {
        headers: { authorization: `Bearer ${pagingToken}`, 'accept-api-version': 'resource=9.0' }
      })
      expect(((await v9.json()) as PagedList<EsvVariable>).resultCount).toBe(60)
      const clamped = await call<PagedList<EsvVariableV2>>(
        paging,
        'lower',
        'GET',
        '/environment/variables?_pageSize=500&_onlyPending=maybe',
        {
          token: pagingToken,
          resource: '2.0'
        }
      )
      expect(clamped.body.resultCount).toBe(60)
    } finally {
      behaviour.strictParameters = true
    }
  })

  test('[ESV-33][ESV-04] with v1PageSize, a longer v1 list is paged with a cookie, values included; by default it is whole', async () => {
    const behaviour = esvBehaviour(paging.lower.state)
    behaviour.v1PageSize = 25
    try {
      const ids: string[] = []
      let cookie: string | null = ''
      let pages = 0
      do {
        const answer: Answer<PagedList<EsvVariable>> = await call<PagedList<EsvVariable>>(
          paging,
          'lower',
          'GET',
          `/environment/variables${cookie ? `?_pagedResultsCookie=${encodeURIComponent(cookie)}` : ''}`,
          { token: pagingToken }
        )
        expect(answer.body.result.length).toBeLessThanOrEqual(25)
        expect(answer.body.result.every((v) => typeof v.valueBase64 === 'string')).toBe(true)
        ids.push(...answer.body.result.map((v) => v._id))
        cookie = answer.body.pagedResultsCookie
        pages += 1
      } while (cookie)
      expect(pages).toBe(3)
      expect(ids).toEqual([...paging.lower.state.variables.keys()].sort())
      behaviour.v1PageSize = 100
      const short = await call<PagedList<EsvVariable>>(paging, 'lower', 'GET', '/environment/variables', { token: pagingToken })
      expect(short.body).toMatchObject({ resultCount: 60, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE' })
    } finally {
      behaviour.v1PageSize = undefined
    }
  })

  test('[ESV-02] answers carry no Content-API-Version by default; the OpenAPI option sends one', async () => {
    expect(
      (await call(paging, 'lower', 'GET', '/environment/variables', { token: pagingToken })).headers.get('content-api-version')
    ).toBeNull()
    const behaviour = esvBehaviour(paging.lower.state)
    behaviour.contentApiVersionHeader = true
    try {
      const v2 = await call(paging, 'lower', 'GET', '/environment/variables', { token: pagingToken, resource: '2.0' })
      expect(v2.headers.get('content-api-version')).toBe('resource=2.0')
    } finally {
      behaviour.contentApiVersionHeader = false
    }
  })
})

describe('scopes', () => {
  test('[ESV-09] reads need fr:idc:esv:read or :*, writes fr:idc:esv:update or :*', async () => {
    const reader = await tokenFor(emulator, 'lower', ['fr:idc:esv:read'])
    const writer = await tokenFor(emulator, 'lower', ['fr:idc:esv:update'])
    const read = (t: string) => call(emulator, 'lower', 'GET', '/environment/variables/esv-api-base-url', { token: t })
    const write = (t: string) =>
      call(emulator, 'lower', 'POST', '/environment/variables/esv-api-base-url?_action=setDescription', {
        token: t,
        body: { description: 'd' }
      })
    expect([(await read(reader)).status, (await write(reader)).status]).toEqual([200, 403])
    expect([(await read(writer)).status, (await write(writer)).status]).toEqual([403, 200])
    expect((await call(emulator, 'lower', 'GET', '/environment/count', { token: reader })).status).toBe(200)
  })
})
