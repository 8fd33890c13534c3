import { describe, expect, it } from 'vitest'
import { blocksToNodes, linesToBlocks } from '../../../schema/import/blocks.ts'
import { toLines } from '../../../schema/import/lines.ts'
import { counter } from './seed-files.ts'

function blocks(text: string) {
  return linesToBlocks(toLines(text))
}

describe('linesToBlocks', () => {
  it('turns numbered lines into ordered list items without the typed number', () => {
    expect(blocks('1. Uno\n2. Dos')).toEqual([
      { type: 'list_item', list: 'ordered', number: 1, text: 'Uno', line: 1 },
      { type: 'list_item', list: 'ordered', number: 2, text: 'Dos', line: 2 },
    ])
  })

  it('turns bullet lines (·, •, *, -) into bullet items', () => {
    expect(blocks('· a\n• b\n*c\n- d').map((b) => [b.type, b.list, b.text])).toEqual([
      ['list_item', 'bullet', 'a'],
      ['list_item', 'bullet', 'b'],
      ['list_item', 'bullet', 'c'],
      ['list_item', 'bullet', 'd'],
    ])
  })

  it('joins a marker alone on its line with the next line, and drops a marker nothing follows', () => {
    expect(blocks('16.\nPromover la colaboración\n•\n').map((b) => [b.number, b.text])).toEqual([
      [16, 'Promover la colaboración'],
    ])
  })

  it('keeps lines that only look numbered as paragraphs', () => {
    expect(blocks('66., 67. La OIM\n1.1 Informar\n2011. Año').map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
    ])
  })
})

describe('blocksToNodes', () => {
  it('starts a new ordered list where the numbering jumps, keeping the numbers as order', () => {
    const nodes = blocksToNodes(blocks('42. Uno\n43. Dos\n51. Tres'), counter())
    expect(nodes.map((node) => [node.type, node.attrs?.['order'], node.content?.length])).toEqual([
      ['ordered_list', 42, 2],
      ['ordered_list', 51, 1],
    ])
  })
})
